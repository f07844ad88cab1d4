package de.servicekonto.it.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Gives a test method a fresh headless Chromium ({@code ChromeDriver browser} parameter) and quits it after the
 * test, whatever its outcome. Where Chromium is missing the test is skipped with a notice ({@link Chromium#start()}).
 */
public final class ChromiumExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ChromeDriver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ChromeDriver browser = Chromium.start();
        // Stored in the test method's context: closed when that test ends.
        context.getStore(ExtensionContext.Namespace.create(ChromiumExtension.class, context.getUniqueId()))
                .put(parameter.getIndex(), (ExtensionContext.Store.CloseableResource) browser::quit);
        return browser;
    }
}
