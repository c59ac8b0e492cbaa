package io.durablebench.locallambda.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.durablebench.local.template.FunctionDefinition;
import io.durablebench.locallambda.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * One function of the template, hosted in this process. Handler instances are pooled: an instance
 * serves one invocation at a time (like a Lambda execution environment), and a new one is made
 * when every instance is busy.
 */
public final class HostedFunction {
    /** The name of the public method through which the host hands a handler its environment ({@link #environmentMethod}). */
    public static final String ENVIRONMENT_METHOD = "useEnvironment";

    private final FunctionDefinition definition;
    private final String arn;
    private final Map<String, String> environment;
    private final ClassLoader loader;
    /** Idle handler instances by the code they were made from ({@link FunctionCode#ref()}). */
    private final Map<String, ConcurrentLinkedDeque<Object>> idle = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.function.Supplier<?> instances;
    private volatile Class<?> handlerClass;
    private final Map<String, Class<?>> codeHandlerClasses = new java.util.concurrent.ConcurrentHashMap<>();
    private final int concurrencyLimit;
    private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();

    /** @param instances makes handler instances; null: instantiate the template's handler class */
    HostedFunction(FunctionDefinition definition, String arn, Map<String, String> environment, ClassLoader loader,
                   java.util.function.Supplier<?> instances, int defaultConcurrency) {
        this.definition = definition;
        this.concurrencyLimit = reservedConcurrency(definition).orElse(defaultConcurrency);
        this.arn = arn;
        this.environment = Map.copyOf(environment);
        this.loader = loader;
        this.instances = instances;
    }

    public String name() {
        return definition.logicalId();
    }

    public String arn() {
        return arn;
    }

    public FunctionDefinition definition() {
        return definition;
    }

    public boolean durable() {
        return definition.isDurable();
    }

    public Map<String, String> environment() {
        return environment;
    }

    /** The environment an invocation of {@code version} sees ({@code AWS_LAMBDA_FUNCTION_VERSION}). */
    public Map<String, String> environment(String version) {
        if (version.equals(environment.get("AWS_LAMBDA_FUNCTION_VERSION"))) {
            return environment;
        }
        Map<String, String> env = new java.util.LinkedHashMap<>(environment);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", version);
        return Map.copyOf(env);
    }

    /** The template's {@code ReservedConcurrentExecutions}, if set. */
    static Optional<Integer> reservedConcurrency(FunctionDefinition definition) {
        Object v = definition.properties().get("ReservedConcurrentExecutions");
        if (v == null) {
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(v.toString().trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Optional.of(n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(definition.logicalId()
                    + ": ReservedConcurrentExecutions must be a whole number >= 0, got " + v);
        }
    }

    /** A function built in code ({@code FunctionHost.register}) rather than read from the template. */
    public boolean registeredInCode() {
        return instances != null;
    }

    /** How many invocations of this function may run at once (then TooManyRequestsException). */
    public int concurrencyLimit() {
        return concurrencyLimit;
    }

    /** Invocations running now. */
    public int running() {
        return running.get();
    }

    /** Takes one of the function's concurrency slots; false when all are taken. */
    boolean tryStart() {
        while (true) {
            int n = running.get();
            if (n >= concurrencyLimit) {
                return false;
            }
            if (running.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void finished() {
        running.decrementAndGet();
    }

    /** The alias SAM publishes for this function, if its template entry has AutoPublishAlias. */
    public Optional<String> alias() {
        return definition.autoPublishAlias();
    }

    /** Instances created so far (idle or busy): the function's concurrency high-water mark. */
    private volatile int created;

    public int instancesCreated() {
        return created;
    }

    /** A handler instance of {@code code} (an idle one, or a new one) for an invocation of {@code version}. */
    Object acquire(FunctionCode code, String version) throws ReflectiveOperationException {
        Object instance = pool(code).pollFirst();
        return instance != null ? instance : newInstance(code, version);
    }

    void release(FunctionCode code, Object instance) {
        pool(code).addFirst(instance);
    }

    private ConcurrentLinkedDeque<Object> pool(FunctionCode code) {
        return idle.computeIfAbsent(code.ref(), r -> new ConcurrentLinkedDeque<>());
    }

    private synchronized Object newInstance(FunctionCode code, String version) throws ReflectiveOperationException {
        java.util.function.Supplier<?> supplier = code instanceof FunctionCode.Handlers h ? h.instances()
                : code instanceof FunctionCode.Template ? instances : null;
        if (supplier != null) {
            Object made = supplier.get();
            if (!(made instanceof RequestStreamHandler) && !(made instanceof RequestHandler)) {
                throw new ClassNotFoundException(name() + ": the supplier of " + code.ref() + " made a "
                        + (made == null ? "null" : made.getClass().getName()) + ", not a handler");
            }
            created++;
            return made;
        }
        Class<?> type = code instanceof FunctionCode.ClassPath cp ? codeHandlerClass(cp) : handlerClass();
        Constructor<?> lambdaMakesIt;
        try {
            lambdaMakesIt = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new NoSuchMethodException(type.getName() + " has no public no-argument constructor, which Lambda"
                    + " makes handlers with");
        }
        Object instance = lambdaMakesIt.newInstance();
        Method handEnvironment = environmentMethod(type);
        if (handEnvironment != null) {
            handEnvironment.invoke(instance, environment(version));
        }
        created++;
        return instance;
    }

    /**
     * The handler's {@code public void useEnvironment(Map<String, String>)}, if it has one: how this
     * process hands each function its own environment, since the functions share one
     * {@code System.getenv}. A handler made as Lambda makes it (the public no-argument constructor)
     * is handed its environment before its first invocation; one without the method reads the
     * process environment (docs/adr/0015-environment-handed-by-the-host.md).
     */
    static Method environmentMethod(Class<?> type) {
        try {
            Method m = type.getMethod(ENVIRONMENT_METHOD, Map.class);
            return m.getReturnType() == void.class ? m : null;
        } catch (NoSuchMethodException none) {
            return null;
        }
    }

    private Class<?> codeHandlerClass(FunctionCode.ClassPath code) throws ClassNotFoundException {
        Class<?> c = codeHandlerClasses.get(code.classPath());
        if (c == null) {
            c = checked(Class.forName(definition.handlerClass(), true, new CodeClassLoader(code.classPath(), loader)));
            codeHandlerClasses.put(code.classPath(), c);
        }
        return c;
    }

    private Class<?> handlerClass() throws ClassNotFoundException {
        Class<?> c = handlerClass;
        if (c == null) {
            c = checked(Class.forName(definition.handlerClass(), true, loader));
            handlerClass = c;
        }
        return c;
    }

    private Class<?> checked(Class<?> c) throws ClassNotFoundException {
        if (!RequestStreamHandler.class.isAssignableFrom(c) && !RequestHandler.class.isAssignableFrom(c)) {
            throw new ClassNotFoundException(definition.handlerClass()
                    + " implements neither RequestStreamHandler nor RequestHandler");
        }
        return c;
    }

    /** Runs one invocation on {@code instance} on the calling thread. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static byte[] run(Object instance, byte[] payload, Context context) throws Throwable {
        if (instance instanceof RequestStreamHandler h) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            h.handleRequest(new ByteArrayInputStream(payload), out, context);
            return out.toByteArray();
        }
        RequestHandler h = (RequestHandler) instance;
        Class<?> inputType = Object.class;
        for (Method m : instance.getClass().getMethods()) {
            if (m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge()
                    && m.getParameterTypes()[1] == Context.class) {
                inputType = m.getParameterTypes()[0];
            }
        }
        Object input = payload.length == 0 ? null : Json.MAPPER.readValue(payload, inputType);
        Object output = h.handleRequest(input, context);
        return Json.MAPPER.writeValueAsBytes(output);
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof InvocationTargetException ite && ite.getCause() != null) {
            t = ite.getCause();
        }
        return t;
    }
}
