<#-- An administrative act was provided in the Postfach (OZG §9). Without content: the act is only in the Postfach. -->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("skPostfachNoticeIntro")}</p>
<p>${msg("skPostfachNoticeAction")}</p>
<#if link?has_content><p>${msg("skPostfachLink")} <a href="${link}">${link}</a></p></#if>
<p>${msg("skPostfachNoContent")}</p>
</@layout.emailLayout>
