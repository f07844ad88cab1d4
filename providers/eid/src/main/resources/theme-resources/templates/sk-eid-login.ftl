<#-- The start of an eID login: the button opens the citizen's eID-Client (AusweisApp) with this login's TC Token URL. -->
<#import "template.ftl" as layout>
<#import "sk-means-providers.ftl" as identityProviders>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("skEidLoginTitle")}
    <#elseif section = "form">
        <div id="sk-eid-login">
            <#if skPortalDisplayName??><p class="sk-portal" id="sk-portal-display-name">${msg("skPortalDisplayName", skPortalDisplayName)}</p></#if>
            <#if skRequiredLevel??>
                <p id="sk-eid-level">${msg("skEidLevelNeeded", msg("skEidLevelName." + skRequiredLevel))}</p>
            </#if>
            <#if skEidUpgrade>
                <p id="sk-eid-upgrade-hint">${msg("skEidUpgradeHint")}</p>
            </#if>
            <p class="pf-v5-u-mb-md">${msg("skEidLoginIntro")}</p>
            <div class="${properties.kcFormGroupClass!}">
                <a id="sk-eid-start" href="${skEidDesktopLink}"
                   class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">
                    ${msg("skEidLoginButton")}
                </a>
            </div>
            <p class="pf-v5-u-mt-md">
                <a id="sk-eid-start-mobile" href="${skEidMobileLink}">${msg("skEidLoginMobile")}</a>
            </p>
            <p id="sk-eid-after">${msg("skEidLoginAfter")}</p>
            <details id="sk-eid-help" class="pf-v5-u-mt-md">
                <summary>${msg("skEidHelpSummary")}</summary>
                <p>${msg("skEidHelpNeeds")}</p>
                <p>${msg("skEidHelpApp")}</p>
                <p>${msg("skEidHelpPin")}</p>
            </details>
        </div>
        <#-- Every other means that reaches the portal's level and that it allows (MeansOfferPage); not when a signed-in
             citizen is asked for the card to link it. -->
        <#if !skEidUpgrade && ((skOtherMeans![])?has_content || (skBrokerMeans!{})?has_content)>
            <section id="sk-other-means" class="pf-v5-u-mt-lg" aria-labelledby="sk-other-means-heading">
                <h2 id="sk-other-means-heading" class="sk-means-heading">${msg("skOtherMeansHeading")}</h2>
                <#if (skOtherMeans![])?has_content>
                    <#-- Our own means other than the card start on the username and password page, which holds the passkey. -->
                    <form id="sk-other-means-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                        <#list skOtherMeans as means>
                            <div class="${properties.kcFormGroupClass!}">
                                <button id="sk-means-${means}" type="submit" name="usePassword" value="${means}"
                                        aria-describedby="sk-means-${means}-hint"
                                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">
                                    ${msg("skMeansButton." + means)}
                                </button>
                                <p id="sk-means-${means}-hint" class="pf-v5-u-mt-sm">${msg("skMeansHint." + means)}</p>
                            </div>
                        </#list>
                    </form>
                </#if>
                <#if (skBrokerMeans!{})?has_content>
                    <@identityProviders.show social=social/>
                </#if>
            </section>
        </#if>
        <form id="sk-eid-form" class="${properties.kcFormClass!} pf-v5-u-mt-lg" action="${url.loginAction}" method="post">
            <#if skEidPasswordChoice>
                <p id="sk-eid-password-hint">${msg("skEidPasswordHint")}</p>
                <div class="${properties.kcFormGroupClass!}">
                    <button id="sk-eid-password" type="submit" name="usePassword" value="usePassword"
                            class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">
                        ${msg("skEidPasswordButton")}
                    </button>
                </div>
            </#if>
            <div class="${properties.kcFormGroupClass!} pf-v5-u-mt-sm">
                <button id="sk-eid-back" type="submit" name="back" value="back"
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">
                    ${msg("skEidBack")}
                </button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
