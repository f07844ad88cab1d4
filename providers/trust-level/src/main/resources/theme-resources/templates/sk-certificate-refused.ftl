<#-- Shown when the browser presented a client certificate this realm does not accept (revoked, expired, unknown issuer). -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("skCertificateRefusedTitle")}
    <#elseif section = "form">
        <div id="sk-certificate-refused" role="alert">
            <p>${msg("skCertificateRefusedMessage")}</p>
            <p>${msg("skCertificateRefusedHint")}</p>
        </div>
        <form id="sk-certificate-form" class="${properties.kcFormClass!} pf-v5-u-mt-lg" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <button id="sk-certificate-other-means" type="submit" name="other" value="other"
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">
                    ${msg("skCertificateRefusedContinue")}
                </button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
