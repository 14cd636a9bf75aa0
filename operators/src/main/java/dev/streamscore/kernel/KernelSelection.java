package dev.streamscore.kernel;

import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the {@link DenseKernels} of this JVM, once. {@code VectorKernels} is the only entry point
 * into classes that link against {@code jdk.incubator.vector}; it is loaded by name, and only after
 * the module is known to be in the boot layer, so that a JVM started without
 * {@code --add-modules jdk.incubator.vector} falls back to {@link ScalarKernels} instead of failing
 * with a {@link NoClassDefFoundError}.
 */
final class KernelSelection {
    /** System property: {@code auto} (default), {@code scalar} or {@code vector}. */
    static final String PROPERTY = "streamscore.kernels";
    static final String MODULE = "jdk.incubator.vector";
    private static final String VECTOR_CLASS = "dev.streamscore.kernel.VectorKernels";
    private static final System.Logger LOG = System.getLogger(KernelSelection.class.getName());

    private KernelSelection() {}

    /** The vector kernels, or why they cannot run here; initialised on first use. */
    private static final class Vector {
        static final String UNAVAILABLE;
        static final DenseKernels KERNELS;

        static {
            DenseKernels kernels = null;
            String reason;
            if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
                reason = String.format("%s is not in the boot layer (start the JVM with --add-modules %s)", MODULE, MODULE);
            } else {
                try {
                    Object loaded = Class.forName(VECTOR_CLASS).getDeclaredMethod("load").invoke(null);
                    kernels = loaded instanceof DenseKernels k ? k : null;
                    reason = kernels == null ? String.valueOf(loaded) : null;
                } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                    reason = String.format("%s could not be loaded: %s", VECTOR_CLASS, e);
                }
            }
            KERNELS = kernels;
            UNAVAILABLE = reason;
        }
    }

    private static final class Best {
        static final DenseKernels KERNELS = choose(System.getProperty(PROPERTY, "auto"));

        static {
            LOG.log(Level.DEBUG, "dense kernels: {0}", KERNELS.description());
        }
    }

    static Optional<DenseKernels> vector() {
        return Optional.ofNullable(Vector.KERNELS);
    }

    static DenseKernels best() {
        return Best.KERNELS;
    }

    /**
     * The kernels for a value of {@link #PROPERTY}: {@code scalar} forces {@link ScalarKernels};
     * anything else means the vector kernels when available. Never fails; an unknown value is
     * logged (WARNING) and treated as {@code auto}.
     */
    static DenseKernels choose(String setting) {
        String s = setting.trim().toLowerCase(Locale.ROOT);
        if (s.equals("scalar")) {
            return new ScalarKernels(String.format("chosen by -D%s=scalar", PROPERTY));
        }
        if (!s.equals("auto") && !s.equals("vector")) {
            LOG.log(Level.WARNING, "-D{0}={1} is not one of auto, scalar, vector; using auto", PROPERTY, setting);
        }
        return Vector.KERNELS != null ? Vector.KERNELS : new ScalarKernels(Vector.UNAVAILABLE);
    }
}
