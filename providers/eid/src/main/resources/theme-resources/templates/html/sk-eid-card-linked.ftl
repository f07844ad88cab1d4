<#-- An ID card was linked to the account (Hochstufung or a new card): the owner learns of it. No link, no card data. -->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg(relink?then("skEidCardLinkedRelink", "skEidCardLinkedUpgrade"), linkedDate, linkedTime, username)}</p>
<p>${msg("skEidCardLinkedIdentity")}</p>
<p><strong>${msg("skEidCardLinkedNotYou")}</strong></p>
<p>${msg("skEidCardLinkedNoLink")}</p>
</@layout.emailLayout>
