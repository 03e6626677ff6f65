package io.kubervisor.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one {@link LocalControlPlane} per test run: started lazily by the first test that asks for it,
 * kept in the root context's store and closed when the run ends (a JVM shutdown hook in the plane is the
 * safety net). Resolves parameters of type {@link LocalControlPlane}, {@link KubernetesClient} (the admin
 * client) and {@code @TestNamespace String} (a fresh namespace, deleted after the test).
 */
public final class KubernetesExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(KubernetesExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalControlPlane.class
                || type == KubernetesClient.class
                || (type == String.class && parameter.isAnnotated(TestNamespace.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        LocalControlPlane plane = plane(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == LocalControlPlane.class) {
            return plane;
        }
        if (type == KubernetesClient.class) {
            return plane.adminClient();
        }
        String prefix = parameter.findAnnotation(TestNamespace.class).orElseThrow().value();
        String namespace = plane.createNamespace(prefix);
        // Closed with the context that asked for it (the test method's, or the class's for @BeforeAll).
        context.getStore(STORE).put("namespace:" + namespace, (AutoCloseable) () ->
                plane.adminClient().namespaces().withName(namespace).delete());
        return namespace;
    }

    /** The run's control plane; JUnit closes AutoCloseable values of the root store at the end of the run. */
    public static LocalControlPlane plane(ExtensionContext context) {
        return context.getRoot().getStore(STORE).getOrComputeIfAbsent(LocalControlPlane.class, key -> {
            try {
                return LocalControlPlane.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, LocalControlPlane.class);
    }
}
