package org.jtrain.train.models;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a hyperparameter once: its option name is the component's name in kebab case, and help, defaults
 * and range checks are all generated from this.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Param {

    String description();

    String defaultValue();

    /** Smallest allowed value (numbers only). */
    double min() default Double.NEGATIVE_INFINITY;

    /** Largest allowed value (numbers only). */
    double max() default Double.POSITIVE_INFINITY;

    /** Whether {@link #min} itself is excluded, as for a learning rate that must be above 0. */
    boolean minExclusive() default false;
}
