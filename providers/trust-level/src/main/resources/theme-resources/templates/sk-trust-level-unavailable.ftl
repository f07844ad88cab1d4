<#-- Shown when an online service needs a trust level the citizen cannot reach with the means on offer, or when the
     citizen came back from a means the service did not enable (skMeansNotAllowed: its name). -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        <#if skMeansNotAllowed??>${msg("skMeansNotAllowedTitle")}<#else>${msg("skTrustLevelUnavailableTitle")}</#if>
    <#elseif section = "form">
        <div id="sk-trust-level-unavailable" role="alert">
            <#if skMeansNotAllowed??>
                <p id="sk-means-not-allowed">${msg("skMeansNotAllowedMessage", msg("skMeansName." + skMeansNotAllowed))}</p>
            <#else>
                <p>${msg("skTrustLevelUnavailableMessage", skRequiredLevel)}</p>
            </#if>
            <p>${msg("skTrustLevelUnavailableHint")}</p>
        </div>
        <form id="sk-trust-level-form" class="${properties.kcFormClass!} pf-v5-u-mt-lg" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <button id="sk-back-to-service" type="submit" name="back" value="back"
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">
                    ${msg("skTrustLevelUnavailableBack")}
                </button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
