package de.servicekonto.eid.authenticator;

import de.servicekonto.rest.OpenApiContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/api/eid-api.yaml names the TC Token endpoint and its error codes. */
class EidApiDocumentTest {

    @Test
    void givenTheResource_thenTheDocumentHasEveryOperationAndErrorCodeAndNoOther() {
        // Only the TC Token resource answers eID-Clients; the rest of the module talks to the eID-Server.
        OpenApiContract.of(Path.of("../../docs/api/eid-api.yaml"), "")
                .resource(TcTokenResource.class)
                .errorsFrom(Path.of("src/main/java/de/servicekonto/eid/authenticator/TcTokenResource.java"), "ApiException")
                // providers/rest's BodyTypeFilter (BodyTypeRule.ERROR) answers before the resource on these paths.
                .alsoAnswers(415, "unsupported_media_type")
                .sharedPlumbing()
                .verify();
    }
}
