package de.servicekonto.activity;

import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.Vocabulary;
import java.time.Instant;
import java.util.Optional;

/**
 * One entry as the owner reads it (JSON).
 *
 * @param time           when (ISO-8601, UTC)
 * @param type           {@link ActivityType} name
 * @param portal         the portal's client id, if the action was at a portal
 * @param portalName     the portal's display name, if it has one
 * @param trustLevel     logins: the level reached, as eIDAS URI
 * @param trustLevelName logins: the level's German name (niedrig, substanziell, hoch)
 * @param means          logins: the means used in BundID wording (Benutzername, eID, …)
 * @param detail         profile changes: the fields changed; data releases: the scopes (OIDC) or attributes (SAML) released
 */
public record ActivityEntry(String time, String type, String portal, String portalName, String trustLevel,
                            String trustLevelName, String means, String detail) {

    static ActivityEntry of(ActivityEntity entity, String portalName) {
        Optional<TrustLevel> level = entity.getTrustLevel() == null ? Optional.empty() : TrustLevel.fromLoa(entity.getTrustLevel());
        return new ActivityEntry(Instant.ofEpochMilli(entity.getTime()).toString(), entity.getType(),
                entity.getClientId(), portalName,
                level.map(l -> l.identifier(Vocabulary.EIDAS)).orElse(null),
                level.map(TrustLevel::germanName).orElse(null), entity.getMeans(), entity.getDetail());
    }
}
