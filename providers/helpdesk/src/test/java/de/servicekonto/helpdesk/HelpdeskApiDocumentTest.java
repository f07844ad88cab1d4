package de.servicekonto.helpdesk;

import de.servicekonto.rest.OpenApiContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/api/helpdesk-api.yaml names every operation and error code of the help-desk API. */
class HelpdeskApiDocumentTest {

    @Test
    void givenTheResource_thenTheDocumentHasEveryOperationAndErrorCodeAndNoOther() {
        OpenApiContract.of(Path.of("../../docs/api/helpdesk-api.yaml"), "")
                .resource(HelpdeskResource.class)
                .errorsFrom(Path.of("src/main/java"), "ApiException")
                // Who may call is decided by the organisations module's operator rule, shared with the operators.
                .errorsFrom(Path.of("../organisations/src/main/java/de/servicekonto/organisations/OperatorAccess.java"),
                        "OrganisationException")
                .alsoAnswers(415, "unsupported_media_type")
                .sharedPlumbing().queryParams().writes()
                .verify();
    }
}
