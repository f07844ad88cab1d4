<#-- Keycloak's pages list the partners grouped by means, only those the portal allows (sk-means-providers.ftl). -->
<#import "sk-means-providers.ftl" as means>
<#macro show social>
    <@means.show social=social/>
</#macro>
