<#-- Required action sk-organisation-choice: act as oneself or for one of one's organisations. Radio buttons in a
     fieldset with a legend, so screen readers announce the question with every option (WCAG 2.1, 1.3.1). -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("skOrganisationChoiceTitle")}
    <#elseif section = "form">
        <form id="sk-organisation-choice" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <fieldset class="${properties.kcFormGroupClass!}">
                <legend>${msg("skOrganisationChoiceQuestion")}</legend>
                <div class="pf-v5-c-radio pf-v5-u-mb-sm">
                    <input class="pf-v5-c-radio__input" type="radio" id="sk-acting-personal" name="actingFor"
                           value="${skPersonal}" checked>
                    <label class="pf-v5-c-radio__label" for="sk-acting-personal">${msg("skOrganisationChoicePersonal")}</label>
                </div>
                <#list skOrganisations as organisation>
                    <div class="pf-v5-c-radio pf-v5-u-mb-sm">
                        <input class="pf-v5-c-radio__input" type="radio" id="sk-acting-${organisation?index}" name="actingFor"
                               value="${organisation.id}" aria-describedby="sk-acting-${organisation?index}-role">
                        <label class="pf-v5-c-radio__label" for="sk-acting-${organisation?index}">${organisation.name}</label>
                        <span class="pf-v5-c-radio__description" id="sk-acting-${organisation?index}-role">
                            ${msg("skOrganisationKind" + organisation.kind)}, ${msg("skOrganisationRole" + organisation.role)}
                        </span>
                    </div>
                </#list>
            </fieldset>
            <div class="${properties.kcFormGroupClass!}">
                <button id="sk-organisation-continue" type="submit"
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">
                    ${msg("skOrganisationChoiceContinue")}
                </button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
