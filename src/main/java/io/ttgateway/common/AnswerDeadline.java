package io.ttgateway.common;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Every {@code Uni} a resource method of the annotated class returns is answered within
 * {@code gateway.answer-deadline}, or fails with {@link DeadlineExceededException} (503, Retry-After).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AnswerDeadline {
}
