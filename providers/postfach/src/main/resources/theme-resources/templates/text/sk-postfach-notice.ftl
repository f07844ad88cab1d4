<#ftl output_format="plainText">
${msg("skPostfachNoticeIntro")}

${msg("skPostfachNoticeAction")}
<#if link?has_content>
${msg("skPostfachLink")} ${link}
</#if>

${msg("skPostfachNoContent")}
