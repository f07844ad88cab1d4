<#-- First login through a partner (FINK, eIDAS): what would be taken over, and the citizen's consent first. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("skBrokerConsentTitle")}
    <#elseif section = "form">
        <div id="sk-broker-consent">
            <p id="sk-broker-consent-intro"><#if skBrokerEidas>${msg("skBrokerConsentIntroEidas", skBrokerPartner)}<#else>${msg("skBrokerConsentIntro", skBrokerPartner)}</#if></p>
            <#if skBrokerValues?has_content>
                <dl id="sk-broker-consent-values" class="pf-v5-c-description-list pf-m-horizontal">
                    <#list skBrokerValues as item>
                        <div class="pf-v5-c-description-list__group" data-attribute="${item.name}">
                            <dt class="pf-v5-c-description-list__term">${msg(item.label)}</dt>
                            <dd class="pf-v5-c-description-list__description"><#if item.valueKey??>${msg(item.valueKey)}<#else>${item.value}</#if></dd>
                        </div>
                    </#list>
                </dl>
            <#else>
                <p id="sk-broker-consent-none">${msg("skBrokerConsentNone")}</p>
            </#if>
            <p id="sk-broker-consent-after" class="pf-v5-u-mt-md">${msg("skBrokerConsentAfter")}</p>
            <p id="sk-broker-consent-decline-hint">${msg("skBrokerConsentDeclineHint")}</p>
        </div>
        <form id="sk-broker-consent-form" class="${properties.kcFormClass!} pf-v5-u-mt-lg" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <button id="sk-broker-consent-accept" type="submit" name="accept" value="accept"
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">
                    ${msg("skBrokerConsentAccept")}
                </button>
                <button id="sk-broker-consent-decline" type="submit" name="decline" value="decline"
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!} pf-v5-u-mt-sm">
                    ${msg("skBrokerConsentDecline")}
                </button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
