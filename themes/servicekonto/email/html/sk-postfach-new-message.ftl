<#-- New message in the Postfach. Deliberately without subject, sender or content (they are only in the Postfach). -->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${intro}</p>
<p>${action}<#if link?has_content> <a href="${link}">${link}</a></#if></p>
<p>${noContent}</p>
</@layout.emailLayout>
