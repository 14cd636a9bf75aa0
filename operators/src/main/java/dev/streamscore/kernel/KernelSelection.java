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

    /**
     * Whether the JIT compiles {@link Math#fma} to an instruction (HotSpot's {@code UseFMA}; assumed
     * when the JVM does not say). Without it both kernels compute the same fused chain in software:
     * correct, the same bits, but about a hundred times slower, and the vector tiles never reach
     * compiled speed, so they are not offered.
     */
    static final boolean HARDWARE_FMA = hardwareFma();
    private static final String NO_FMA =
            "this JVM has no hardware fused multiply-add (UseFMA is off): Math.fma runs in software, about 100 times slower";

    private KernelSelection() {}

    private static boolean hardwareFma() {
        try {
            com.sun.management.HotSpotDiagnosticMXBean hotspot =
                    java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return hotspot == null || !hotspot.getVMOption("UseFMA").getValue().equals("false");
        } catch (RuntimeException | LinkageError e) {
            return true; // not HotSpot, or no jdk.management module: nothing to go by
        }
    }

    /** The vector kernels, or why they cannot run here; initialised on first use. */
    private static final class Vector {
        static final String UNAVAILABLE;
        static final DenseKernels KERNELS;

        static {
            DenseKernels kernels = null;
            String reason;
            if (!HARDWARE_FMA) {
                reason = NO_FMA;
            } else if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
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
            return new ScalarKernels(HARDWARE_FMA ? String.format("chosen by -D%s=scalar", PROPERTY)
                    : String.format("chosen by -D%s=scalar; %s", PROPERTY, NO_FMA));
        }
        if (!s.equals("auto") && !s.equals("vector")) {
            LOG.log(Level.WARNING, "-D{0}={1} is not one of auto, scalar, vector; using auto", PROPERTY, setting);
        }
        if (!HARDWARE_FMA) {
            LOG.log(Level.WARNING, "dense kernels: {0}", NO_FMA);
        }
        return Vector.KERNELS != null ? Vector.KERNELS : new ScalarKernels(Vector.UNAVAILABLE);
    }
}
