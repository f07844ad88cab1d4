<#-- Required action sk-bundid-release: what a BundID portal is about to receive. One of three steps (skReleaseStep):
     "card" (a required value only the ID card gives), "data" (required values the citizen may type in), "consent". The
     portal's name is text from the request or the client: printed escaped, never as markup. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=(skReleaseStep != "data"); section>
    <#if section = "header">
        ${msg("skReleaseTitle." + skReleaseStep)}
    <#elseif section = "form">
        <#if skReleaseStep = "consent">
            <p id="sk-release-intro">${msg("skReleaseConsentIntro", skReleasePortal)}</p>
            <dl id="sk-release-attributes" class="pf-v5-c-description-list pf-m-horizontal">
                <#list skReleaseItems as item>
                    <div class="pf-v5-c-description-list__group" data-attribute="${item.name}">
                        <dt class="pf-v5-c-description-list__term">${msg(item.label)}</dt>
                        <dd class="pf-v5-c-description-list__description">
                            <span class="sk-release-value"><#if item.valueKey??>${msg(item.valueKey)}<#else>${item.value}</#if></span>
                            <span class="sk-release-origin" data-origin="${item.origin}">(<#if item.originName??>${msg(item.origin, item.originName)}<#else>${msg(item.origin)}</#if>)</span>
                        </dd>
                    </div>
                </#list>
            </dl>
            <p id="sk-release-revocable" class="pf-v5-u-mt-md">${msg("skReleaseConsentRevocable")}</p>
            <form id="sk-bundid-consent" class="${properties.kcFormClass!} pf-v5-u-mt-lg" action="${url.loginAction}" method="post">
                <input type="hidden" name="released" value="${skReleaseSet}">
                <div class="${properties.kcFormGroupClass!}">
                    <button id="sk-release-accept" type="submit" name="accept" value="accept"
                            class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">
                        ${msg("skReleaseAccept")}
                    </button>
                    <button id="sk-release-decline" type="submit" name="cancel" value="decline"
                            class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!} pf-v5-u-mt-sm">
                        ${msg("skReleaseDecline")}
                    </button>
                </div>
            </form>
        <#elseif skReleaseStep = "data">
            <p id="sk-release-intro">${msg("skReleaseDataIntro", skReleasePortal)}</p>
            <form id="sk-bundid-data" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
                <#list skReleaseFields as field>
                    <div class="${properties.kcFormGroupClass!}">
                        <label for="sk-field-${field.name}" class="pf-v5-c-form__label">
                            ${msg(field.label)}<#if field.required = "true"> <span aria-hidden="true">*</span></#if>
                        </label>
                        <#assign invalid = messagesPerField.existsError(field.name)>
                        <#if field.type = "select">
                            <select id="sk-field-${field.name}" name="${field.name}" class="pf-v5-c-form-control"
                                    <#if field.required = "true">required aria-required="true"</#if>
                                    <#if invalid>aria-invalid="true" aria-describedby="sk-error-${field.name}"</#if>>
                                <option value=""></option>
                                <#list ["female", "male", "diverse", "unspecified"] as option>
                                    <option value="${option}" <#if field.value = option>selected</#if>>${msg("skGender." + option)}</option>
                                </#list>
                            </select>
                        <#else>
                            <input id="sk-field-${field.name}" name="${field.name}" type="${field.type}" value="${field.value}"
                                   class="pf-v5-c-form-control" maxlength="255"
                                   <#if field.required = "true">required aria-required="true"</#if>
                                   <#if invalid>aria-invalid="true" aria-describedby="sk-error-${field.name}"</#if>>
                        </#if>
                        <#if invalid>
                            <span id="sk-error-${field.name}" class="pf-v5-c-helper-text__item-text pf-m-error sk-release-error" aria-live="polite">
                                ${kcSanitize(messagesPerField.get(field.name))?no_esc}
                            </span>
                        </#if>
                    </div>
                </#list>
                <p id="sk-release-saved">${msg("skReleaseDataSaved")}</p>
                <div class="${properties.kcFormGroupClass!}">
                    <button id="sk-release-save" type="submit" name="save" value="save"
                            class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">
                        ${msg("skReleaseDataSave")}
                    </button>
                    <button id="sk-release-cancel" type="submit" name="cancel" value="cancel" formnovalidate
                            class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!} pf-v5-u-mt-sm">
                        ${msg("skReleaseCancel")}
                    </button>
                </div>
            </form>
        <#else>
            <p id="sk-release-intro">${msg("skReleaseCardIntro", skReleasePortal)}</p>
            <ul id="sk-release-missing">
                <#list skReleaseMissing as label><li>${msg(label)}</li></#list>
            </ul>
            <p id="sk-release-card-explanation">
                <#if skReleaseCardPossible>${msg("skReleaseCardExplanation")}<#else>${msg("skReleaseCardUnavailable")}</#if>
            </p>
            <form id="sk-bundid-card" class="${properties.kcFormClass!} pf-v5-u-mt-lg" action="${url.loginAction}" method="post">
                <div class="${properties.kcFormGroupClass!}">
                    <#if skReleaseCardPossible>
                        <button id="sk-release-card" type="submit" name="card" value="card"
                                class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">
                            ${msg("skReleaseCardButton")}
                        </button>
                    </#if>
                    <button id="sk-release-cancel" type="submit" name="cancel" value="cancel"
                            class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!} pf-v5-u-mt-sm">
                        ${msg("skReleaseCancel")}
                    </button>
                </div>
            </form>
        </#if>
    </#if>
</@layout.registrationLayout>
