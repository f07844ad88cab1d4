<#-- Invitation to an organisation account, sent through Keycloak's organization invitation (sk-organisations). -->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("skOrgInviteGreeting", organization.name)}</p>
<#if !(skOrganisationVerified!false)>
<p><strong>${msg("skOrgInviteUnverified")}</strong></p>
</#if>
<p><a href="${link}">${msg("skOrgInviteLink")}</a></p>
<p>${msg("skOrgInviteExpiry", linkExpirationFormatter(linkExpiration))}</p>
<p>${msg("skOrgInviteIgnore")}</p>
</@layout.emailLayout>
