package de.servicekonto.postfach.rest;

import java.util.Map;
import org.keycloak.TokenCategory;
import org.keycloak.crypto.SignatureProvider;
import org.keycloak.crypto.SignatureSignerContext;
import org.keycloak.jose.jws.JWSBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.services.Urls;

/**
 * Receipts for official notices: the evidence as a JWS signed with the realm's active signing key (the key that signs
 * its access tokens), so an authority or a court can check it against the realm's published JWKS
 * ({@code /realms/{realm}/protocol/openid-connect/certs}) without trusting the transport or this server later.
 * A receipt has no expiry: the evidence does not expire. It verifies as long as its key is in the JWKS (Keycloak
 * publishes passive keys too); after a key is removed, the authority fetches a new receipt of the same stored
 * evidence, signed with the current key.
 */
final class NoticeReceipts {

    /** The payload's {@code typ} claim: not {@code Bearer}, so Keycloak refuses a receipt as an access token. */
    static final String TYPE = "sk-postfach-notice-receipt";
    /** The JWS header's {@code typ} (RFC 8725 explicit typing): a receipt, not an access token. */
    static final String HEADER_TYPE = "sk-notice-receipt+jwt";

    private NoticeReceipts() {
    }

    static String sign(KeycloakSession session, Map<String, Object> evidence) {
        RealmModel realm = session.getContext().getRealm();
        Receipt receipt = new Receipt();
        receipt.issuer(Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()));
        receipt.iat((long) org.keycloak.common.util.Time.currentTime());
        receipt.type(TYPE);
        // For the authority that delivered the notice, about this message; a new id each time one is issued.
        receipt.audience((String) evidence.get("authority"));
        receipt.subject((String) evidence.get("messageRef"));
        receipt.id(java.util.UUID.randomUUID().toString());
        evidence.forEach(receipt::setOtherClaims);
        // Signed like an access token (the realm's algorithm and active key, so the JWKS verifies it) but with its own
        // JWS header typ, so a verifier can tell a receipt from any token by the header alone (RFC 8725, 3.11).
        String algorithm = session.tokens().signatureAlgorithm(TokenCategory.ACCESS);
        SignatureSignerContext signer = session.getProvider(SignatureProvider.class, algorithm).signer();
        return new JWSBuilder().type(HEADER_TYPE).jsonContent(receipt).sign(signer);
    }

    /** Of token category ACCESS: signed with the algorithm and key of the realm's access tokens. */
    static final class Receipt extends JsonWebToken {
        @Override
        public TokenCategory getCategory() {
            return TokenCategory.ACCESS;
        }
    }
}
