<#-- Warning before an inactive account is deleted. Texts come formatted from this jar's messages. -->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${greeting}</p>
<p><strong>${deletion}</strong></p>
<p>${keep}</p>
<p>${noLink}</p>
</@layout.emailLayout>
