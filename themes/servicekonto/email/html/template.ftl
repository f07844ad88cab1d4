<#-- The frame of every HTML e-mail, Keycloak's and ours (our providers' templates import it too): Keycloak's own
     (theme base, html/template.ftl) with the tenant's logo and name above the text when the realm is branded.
     skBranding comes from the e-mail template provider sk-branded-email (providers/branding); the logo is an image
     the mail client loads from the tenant's https address, with alt text, and nothing else remote. -->
<#macro emailLayout>
<html lang="${locale.language}" dir="${(ltr)?then('ltr','rtl')}">
<body>
<#if (skBranding.branded())!false>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin-bottom:16px">
<tr>
<#if skBranding.logoUrl()??>
<td style="padding-right:12px;vertical-align:middle"><img src="${skBranding.logoUrl()}" alt="${msg("skBrandLogoAlt", skBranding.name())}" height="48" style="height:48px;width:auto;border:0"></td>
</#if>
<td style="vertical-align:middle;font-family:Arial,sans-serif;font-size:18px;font-weight:bold;color:#004b87">${skBranding.name()}</td>
</tr>
</table>
</#if>
    <#nested>
</body>
</html>
</#macro>
