<#-- New message in the Postfach. Deliberately without subject, sender or content (they are only in the Postfach). -->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("skPostfachMessageIntro")}</p>
<p>${msg("skPostfachMessageAction")}</p>
<#if link?has_content><p>${msg("skPostfachLink")} <a href="${link}">${link}</a></p></#if>
<p>${msg("skPostfachNoContent")}</p>
</@layout.emailLayout>
