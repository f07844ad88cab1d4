<#-- An administrative act was provided in the Postfach (OZG §9). Without content: the act is only in the Postfach. -->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${intro}</p>
<p>${action}<#if link?has_content> <a href="${link}">${link}</a></#if></p>
<p>${noContent}</p>
</@layout.emailLayout>
