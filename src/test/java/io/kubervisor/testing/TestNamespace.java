package io.kubervisor.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} parameter that {@link KubernetesExtension} fills with the name of a fresh namespace
 * ({@code <value>-<random>}) in the shared control plane; it is deleted after the test.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface TestNamespace {

    /** Prefix of the namespace name; a DNS label. */
    String value() default "test";
}
