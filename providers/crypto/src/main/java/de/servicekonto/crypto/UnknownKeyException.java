package de.servicekonto.crypto;

/**
 * A wrapped data key names a key-encryption key the ring does not hold. Either the key was removed from the vault
 * before every data key had been rewrapped to a newer one, this node reads an older vault secret than the node that
 * wrapped the key, or the stored key id was altered.
 */
public final class UnknownKeyException extends DecryptionException {

    private static final long serialVersionUID = 1L;

    private final String kid;

    public UnknownKeyException(String kid) {
        super("no key-encryption key with id '" + kid + "' in the ring");
        this.kid = kid;
    }

    /** The key id the data names (key ids are not secret). */
    public String kid() {
        return kid;
    }
}
