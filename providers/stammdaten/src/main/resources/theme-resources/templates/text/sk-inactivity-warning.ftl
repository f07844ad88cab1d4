<#ftl output_format="plainText">
${greeting}

${deletion}

${keep}

${noLink}
