<#ftl output_format="plainText">
<#-- Invitation to an organisation account, sent through Keycloak's organization invitation (sk-organisations). -->
${msg("skOrgInviteGreeting", organization.name)}
<#if !(skOrganisationVerified!false)>

${msg("skOrgInviteUnverified")}
</#if>

${msg("skOrgInviteLink")}:
${link}

${msg("skOrgInviteExpiry", linkExpirationFormatter(linkExpiration))}

${msg("skOrgInviteIgnore")}
