package org.openevb.port.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Builds a {@link PortConfig} outside OSGi (tests of this module and the integration tests): the annotation's defaults, overridden by name. */
public final class PortConfigs {
    private PortConfigs() {
    }

    /** @param values by annotation method name, e.g. {@code "interface$"}, {@code "max_frame_size"} */
    public static PortConfig of(Map<String, Object> values) {
        Map<String, Object> copy = new HashMap<>(values);
        return (PortConfig) Proxy.newProxyInstance(PortConfig.class.getClassLoader(), new Class<?>[] {PortConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return PortConfig.class;
                    }
                    if (method.getDeclaringClass() == Object.class) {
                        return objectMethod(proxy, method, args);
                    }
                    return copy.containsKey(method.getName()) ? copy.get(method.getName()) : method.getDefaultValue();
                });
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            default:
                return "PortConfig";
        }
    }
}
