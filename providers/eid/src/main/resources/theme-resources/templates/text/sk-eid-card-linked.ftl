<#ftl output_format="plainText">
${msg(relink?then("skEidCardLinkedRelink", "skEidCardLinkedUpgrade"), linkedDate, linkedTime, username)}

${msg("skEidCardLinkedIdentity")}

${msg("skEidCardLinkedNotYou")}

${msg("skEidCardLinkedNoLink")}
