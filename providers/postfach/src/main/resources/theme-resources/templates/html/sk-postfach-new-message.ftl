<#-- New message in the Postfach. Deliberately without subject, sender or content (they are only in the Postfach). -->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${intro}</p>
<p>${action}</p>
<#if link?has_content><p>${linkLabel} <a href="${link}">${link}</a></p></#if>
<p>${noContent}</p>
</@layout.emailLayout>
