<#ftl output_format="plainText">
${intro}

${action}
<#if link?has_content>
${linkLabel} ${link}
</#if>

${noContent}
