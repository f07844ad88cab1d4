<#-- Asks the citizen, at the end of a login, whether the certificate the browser presented is to be bound to the account. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("skCertificateBindTitle")}
    <#elseif section = "form">
        <div id="sk-certificate-bind">
            <p>${msg("skCertificateBindMessage")}</p>
            <p id="sk-certificate-subject"><strong>${skCertificateSubject!""}</strong></p>
            <p>${msg("skCertificateBindHint")}</p>
        </div>
        <form id="sk-certificate-bind-form" class="${properties.kcFormClass!} pf-v5-u-mt-lg" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <button id="sk-certificate-bind-yes" type="submit" name="bind" value="bind"
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">
                    ${msg("skCertificateBindYes")}
                </button>
                <button id="sk-certificate-bind-no" type="submit" name="skip" value="skip"
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!} pf-v5-u-mt-sm">
                    ${msg("skCertificateBindNo")}
                </button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
