/// The spike condition shared by the LIF family, run after the integration pass: V ≥ V_th → spike, V ← V_reset,
/// refractory for `refractorySteps`. Neurons already refractory sit at V_reset < V_th (every model checks that
/// V_reset < V_th), so they cannot fire here. Indices are appended in ascending order.
@inline(__always)
func thresholdPass(v: UnsafeMutablePointer<Double>, refractory: UnsafeMutablePointer<Int32>, range: Range<Int>,
                   thresholdMV: Double, resetMV: Double, refractorySteps: Int32, spikes: inout [Int32]) {
    for i in range where v[i] >= thresholdMV {
        refractory[i] = refractorySteps
        v[i] = resetMV
        spikes.append(Int32(i))
    }
}
