<#ftl output_format="plainText">
${msg("skPostfachMessageIntro")}

${msg("skPostfachMessageAction")}
<#if link?has_content>
${msg("skPostfachLink")} ${link}
</#if>

${msg("skPostfachNoContent")}
