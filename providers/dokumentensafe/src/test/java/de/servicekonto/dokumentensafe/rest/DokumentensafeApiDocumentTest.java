package de.servicekonto.dokumentensafe.rest;

import de.servicekonto.rest.OpenApiContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/api/dokumentensafe-api.yaml (also served as openapi.yaml) names every operation and error code of the safe. */
class DokumentensafeApiDocumentTest {

    @Test
    void givenTheResource_thenTheDocumentHasEveryOperationAndErrorCodeAndNoOther() {
        OpenApiContract.of(Path.of("../../docs/api/dokumentensafe-api.yaml"), "")
                .resource(DokumentensafeResource.class)
                .errorsFrom(Path.of("src/main/java"), "ApiException")
                // providers/rest's BodyTypeFilter (BodyTypeRule.ERROR) answers before the resource on these paths.
                .alsoAnswers(415, "unsupported_media_type")
                .verify();
    }
}
