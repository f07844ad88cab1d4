/**
 * Keycloak glue of the crypto module: where the key-encryption keys come from. The rules stay in
 * {@code de.servicekonto.crypto}.
 */
package de.servicekonto.crypto.keycloak;
