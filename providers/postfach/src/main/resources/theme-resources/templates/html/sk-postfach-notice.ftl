<#-- An administrative act was provided in the Postfach (OZG §9). Without content: the act is only in the Postfach. -->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${intro}</p>
<p>${action}</p>
<#if link?has_content><p>${linkLabel} <a href="${link}">${link}</a></p></#if>
<p>${noContent}</p>
</@layout.emailLayout>
