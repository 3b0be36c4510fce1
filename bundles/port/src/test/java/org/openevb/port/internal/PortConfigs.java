package org.openevb.port.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * Component property types outside OSGi, for tests of this module and the modules that build on
 * it: the annotation's defaults, overridden by method name (e.g. {@code "interface$"}).
 */
public final class PortConfigs {
    private PortConfigs() {
    }

    /** A {@link PortConfig}. */
    public static PortConfig of(Map<String, Object> values) {
        return of(PortConfig.class, values);
    }

    /** Any component property type, e.g. a bridge's configuration. */
    public static <A extends Annotation> A of(Class<A> type, Map<String, Object> values) {
        Map<String, Object> copy = new HashMap<>(values);
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            switch (method.getName()) {
                case "annotationType":
                    return type;
                case "equals":
                    return self == args[0];
                case "hashCode":
                    return System.identityHashCode(self);
                case "toString":
                    return type.getSimpleName() + copy;
                default:
                    if (!copy.containsKey(method.getName())) {
                        return method.getDefaultValue();
                    }
                    Object value = copy.get(method.getName());
                    // as DS does: a number or a flag given for a text key is read as its text
                    return method.getReturnType() == String.class && value != null ? value.toString() : value;
            }
        });
        return type.cast(proxy);
    }
}
