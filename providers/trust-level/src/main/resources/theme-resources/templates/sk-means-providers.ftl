<#-- Keycloak's identity-provider buttons (social.providers), one group per means with its own heading: only the
     partners the portal allows and that reach its level (skBrokerMeans: means -> aliases, set by MeansOfferPage).
     A page of a flow that does not set it lists every partner under the FINK heading, as Keycloak would.
     Shipped with the provider, so the ID-card page lists the means this way in any login theme; the servicekonto
     theme's social-providers.ftl uses it for Keycloak's own pages too. -->
<#macro show social>
    <#if skBrokerMeans??>
        <#list skBrokerMeans as means, aliases>
            <@group id="sk-means-" + means heading=msg("skMeansHeading." + means)
                    providers=social.providers?filter(p -> aliases?seq_contains(p.alias))/>
        </#list>
    <#else>
        <@group id="sk-means-FINK" heading=msg("identity-provider-login-label") providers=social.providers/>
    </#if>
</#macro>

<#macro group id heading providers>
    <#if providers?has_content>
        <section id="${id}" class="sk-means-group" aria-labelledby="${id}-heading">
            <h2 id="${id}-heading" class="${properties.kcLoginMainFooterBand!} ${properties.kcLoginMainFooterHelperText!} sk-means-heading">${heading}</h2>
            <ul class="${properties.kcFormSocialAccountListClass!}">
                <#list providers as p>
                    <li class="${properties.kcFormSocialAccountListItemClass!}">
                        <a data-once-link data-disabled-class="${properties.kcFormSocialAccountListButtonDisabledClass!}"
                           id="social-${p.alias}" class="${properties.kcFormSocialAccountListButtonClass!}"
                           href="${p.loginUrl}"><span class="${properties.kcFormSocialAccountNameClass!}">${p.displayName!}</span></a>
                    </li>
                </#list>
            </ul>
        </section>
    </#if>
</#macro>
