<#ftl output_format="plainText">
${msg("skInactivityWarningGreeting", username)}

${msg("skInactivityWarningDeletion", deletionDate)}

${msg("skInactivityWarningKeep")}

${msg("skInactivityWarningNoLink")}
