/**
 * Encryption at rest for citizens' content (Postfach messages and attachments, later the Dokumentensafe and
 * sensitive attributes), by envelope encryption:
 *
 * <ul>
 *   <li>{@link de.servicekonto.crypto.KekRing}: the realm's key-encryption keys from the vault, one current, older
 *       ones for unwrapping during a rotation;</li>
 *   <li>{@link de.servicekonto.crypto.DataKey} per owner, stored only as a
 *       {@link de.servicekonto.crypto.WrappedDataKey} in a {@link de.servicekonto.crypto.DataKeyStore};
 *       {@link de.servicekonto.crypto.DataKeys} creates, unwraps, rewraps and shreds them;</li>
 *   <li>{@link de.servicekonto.crypto.ContentCipher} for values, {@link de.servicekonto.crypto.StreamCipher} for
 *       large content, both AES-256-GCM bound to {@link de.servicekonto.crypto.AssociatedData}.</li>
 * </ul>
 *
 * <p>This package uses the JDK's JCA only and no Keycloak API, so it is tested without a server; the vault adapter
 * is in {@code de.servicekonto.crypto.keycloak}. Formats, rotation and limits: {@code docs/crypto.md}.
 */
package de.servicekonto.crypto;
