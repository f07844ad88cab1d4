<#-- Warning before an inactive account is deleted; the texts are this jar's messages. No link, on purpose. -->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("skInactivityWarningGreeting", username)}</p>
<p><strong>${msg("skInactivityWarningDeletion", deletionDate)}</strong></p>
<p>${msg("skInactivityWarningKeep")}</p>
<p>${msg("skInactivityWarningNoLink")}</p>
</@layout.emailLayout>
