<#-- The chip's data before an account is created, upgraded or linked to a new card: nothing happens without "confirm". -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("skEidConfirmTitle." + skEidOutcome)}
    <#elseif section = "form">
        <#if skPortalDisplayName??><p class="sk-portal" id="sk-portal-display-name">${msg("skPortalDisplayName", skPortalDisplayName)}</p></#if>
        <p id="sk-eid-confirm-intro">${msg("skEidConfirmIntro." + skEidOutcome)}</p>
        <#if skEidOutcome = "CREATE">
            <p id="sk-eid-confirm-existing" class="pf-v5-u-mt-sm">${msg("skEidConfirmExistingAccount")}</p>
        </#if>
        <dl id="sk-eid-data" class="pf-v5-c-description-list pf-m-horizontal">
            <#list skEidData as row>
                <div class="pf-v5-c-description-list__group">
                    <dt class="pf-v5-c-description-list__term">${msg(row.label)}</dt>
                    <dd class="pf-v5-c-description-list__description" data-field="${row.label}">${row.value}</dd>
                </div>
            </#list>
        </dl>
        <p>${msg("skEidConfirmReadOnly")}</p>
        <#if message?has_content && message.type = "error">
            <div id="sk-eid-confirm-error" class="pf-v5-c-alert pf-m-danger pf-m-inline" role="alert">
                <p class="pf-v5-c-alert__title">${kcSanitize(message.summary)?no_esc}</p>
            </div>
        </#if>
        <form id="sk-eid-confirm-form" class="${properties.kcFormClass!} pf-v5-u-mt-lg" action="${url.loginAction}" method="post">
            <#if skEidNeedsPassword>
                <p id="sk-eid-password-needed">${msg("skEidConfirmPasswordHint")}</p>
                <div class="${properties.kcFormGroupClass!}">
                    <label for="sk-eid-confirm-password" class="pf-v5-c-form__label">${msg("skEidConfirmPasswordLabel")}</label>
                    <input id="sk-eid-confirm-password" name="password" type="password" class="pf-v5-c-form-control"
                           autocomplete="current-password" required maxlength="1024"/>
                </div>
            </#if>
            <div class="${properties.kcFormGroupClass!}">
                <button id="sk-eid-confirm" type="submit" name="confirm" value="confirm"
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">
                    ${msg("skEidConfirmButton." + skEidOutcome)}
                </button>
                <button id="sk-eid-cancel" type="submit" name="cancel" value="cancel"
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!} pf-v5-u-mt-sm">
                    ${msg("skEidConfirmCancel")}
                </button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
