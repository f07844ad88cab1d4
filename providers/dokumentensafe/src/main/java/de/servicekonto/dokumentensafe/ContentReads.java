package de.servicekonto.dokumentensafe;

import de.servicekonto.dokumentensafe.spi.SafeStore;
import java.io.IOException;

/**
 * How a download reaches the store for each piece of content it reads. Another module that copies a document within
 * its own request reads in that request's transaction; a response that streams after the request's transaction has
 * ended reads each piece in a short transaction of its own (Keycloak glue: {@code KeycloakSafe.ownTransactions}), so a
 * slow client holds neither a transaction nor a database connection, and nothing is spooled to disk.
 */
@FunctionalInterface
public interface ContentReads {

    /** Runs {@code piece} on a store and answers what it read. */
    byte[] read(Piece piece) throws IOException;

    /** One read: a piece of a segment's ciphertext, after checking that its document is still there. */
    @FunctionalInterface
    interface Piece {
        byte[] readFrom(SafeStore store) throws IOException;
    }

    /** Reads in the caller's transaction, on {@code store}. */
    static ContentReads in(SafeStore store) {
        return piece -> piece.readFrom(store);
    }
}
