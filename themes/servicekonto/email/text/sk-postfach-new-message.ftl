<#ftl output_format="plainText">
${intro}

${action}<#if link?has_content> ${link}</#if>

${noContent}
