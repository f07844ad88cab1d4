<#-- Why the eID login did not work, in plain words, with "try again" and "back to the online service". -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("skEidErrorTitle")}
    <#elseif section = "form">
        <#if skPortalDisplayName??><p class="sk-portal" id="sk-portal-display-name">${msg("skPortalDisplayName", skPortalDisplayName)}</p></#if>
        <div id="sk-eid-error" role="alert">
            <#if skEidMessageArgument??>
                <p>${msg(skEidMessage, skEidMessageArgument)}</p>
            <#else>
                <p>${msg(skEidMessage!"skEidNotConfigured")}</p>
            </#if>
            <#-- What the citizen can do instead (card refused for an existing account). -->
            <#if skEidAdvice??><p id="sk-eid-advice">${msg(skEidAdvice)}</p></#if>
        </div>
        <form id="sk-eid-error-form" class="${properties.kcFormClass!} pf-v5-u-mt-lg" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <#if !(skEidUnavailable!false)>
                    <button id="sk-eid-retry" type="submit" name="retry" value="retry"
                            class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">
                        ${msg("skEidRetry")}
                    </button>
                </#if>
                <button id="sk-eid-back" type="submit" name="back" value="back"
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!} pf-v5-u-mt-sm">
                    ${msg("skEidBack")}
                </button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
