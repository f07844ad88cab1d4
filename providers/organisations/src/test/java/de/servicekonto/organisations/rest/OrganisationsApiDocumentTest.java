package de.servicekonto.organisations.rest;

import de.servicekonto.rest.OpenApiContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/api/organisations-api.yaml names every operation and error code of the organisations API. */
class OrganisationsApiDocumentTest {

    @Test
    void givenTheResource_thenTheDocumentHasEveryOperationAndErrorCodeAndNoOther() {
        OpenApiContract.of(Path.of("../../docs/api/organisations-api.yaml"), "")
                .resource(OrganisationsResource.class)
                .errorsFrom(Path.of("src/main/java"), "OrganisationException", "ApiException")
                // The choice of organisation at login (forged_choice) is refused in the login flow, not by this API.
                .excluding(Path.of("src/main/java/de/servicekonto/organisations/ActingFor.java"))
                // providers/rest's BodyTypeFilter (BodyTypeRule.ERROR) answers before the resource on these paths.
                .alsoAnswers(415, "unsupported_media_type")
                .sharedPlumbing().jsonBodies().queryParams().writes()
                .verify();
    }
}
