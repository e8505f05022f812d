using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Training;

/// <summary>Checkpoints survive damage and full disks: two are kept, each verified by its checksums; failed writes leave nothing behind.</summary>
[Collection(TorchRng.Collection)]
public sealed class CheckpointTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private static ExpNet Net(int seed)
    {
        manual_seed(seed);
        return new ExpNet(new ExpNetOptions { Classes = 3, Size = new NetworkSize(32, 0.25) });
    }

    private static TrainingHistory History(int epochs)
    {
        var h = new TrainingHistory();
        for (var e = 0; e < epochs; e++) h.Epochs.Add(new EpochRecord(e, 1.0 / (e + 1), 0.01, 1, []));
        return h;
    }

    /// <summary>Saves two checkpoints: epoch 1 with the weights of seed 1, epoch 2 with those of seed 2.</summary>
    private string SaveTwo()
    {
        var ckpt = dir["ckpt"];
        foreach (var (seed, epochs) in new[] { (1, 1), (2, 2) })
        {
            using var net = Net(seed);
            using var opt = optim.SGD(net.parameters(), 0.01, momentum: 0.9);
            Checkpoint.Save(ckpt, net, opt, History(epochs));
        }
        return ckpt;
    }

    private static bool SameWeights(nn.Module a, nn.Module b) =>
        a.state_dict().All(kv => kv.Value.allclose(b.state_dict()[kv.Key], 0, 0));

    private static (TrainingHistory? History, string Log) Load(string ckpt, ExpNet into)
    {
        using var opt = optim.SGD(into.parameters(), 0.01, momentum: 0.9);
        var log = new StringWriter();
        return (Checkpoint.TryLoad(ckpt, into, opt, log), log.ToString());
    }

    [Fact]
    public void The_last_and_the_previous_checkpoint_are_kept_and_the_newest_loads()
    {
        var ckpt = SaveTwo();
        Assert.True(File.Exists(Path.Combine(ckpt, "last", "checksums.json")));
        Assert.True(File.Exists(Path.Combine(ckpt, "previous", "checksums.json")));
        using var net = Net(9);
        var (history, log) = Load(ckpt, net);
        Assert.Equal(2, history!.Epochs.Count);
        Assert.Equal("", log);
        using var second = Net(2);
        Assert.True(SameWeights(net, second));
    }

    [Theory]
    [InlineData("model.bin", "truncate")]
    [InlineData("optimizer.bin", "flip")]
    [InlineData("history.json", "garbage")]
    [InlineData("checksums.json", "delete")]
    public void A_damaged_last_checkpoint_costs_one_epoch_the_previous_one_loads(string file, string damage)
    {
        var ckpt = SaveTwo();
        var path = Path.Combine(ckpt, "last", file);
        switch (damage)
        {
            case "truncate": File.WriteAllBytes(path, File.ReadAllBytes(path)[..(int)(new FileInfo(path).Length / 2)]); break;
            case "flip":
                var bytes = File.ReadAllBytes(path);
                bytes[^9] ^= 0x40;
                File.WriteAllBytes(path, bytes);
                break;
            case "garbage": File.WriteAllText(path, "{ \"epochs\": [ oops"); break;
            case "delete": File.Delete(path); break;
        }
        using var net = Net(9);
        var (history, log) = Load(ckpt, net);
        Assert.Single(history!.Epochs);
        Assert.Contains($"{Path.Combine(ckpt, "last")} is damaged", log);
        Assert.Contains($"resuming from {Path.Combine(ckpt, "previous")} (after epoch 1) instead", log);
        using var first = Net(1);
        Assert.True(SameWeights(net, first));
        Assert.False(Checkpoint.IsIntact(ckpt));
    }

    [Fact]
    public void Intact_weights_of_another_network_are_not_called_damaged()
    {
        var ckpt = SaveTwo();
        manual_seed(1);
        using var other = new ExpNet(new ExpNetOptions { Classes = 3, Size = new NetworkSize(32, 0.25), BatchNorm = true });
        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.LoadWeights(ckpt, other));
        Assert.Contains("intact but do not fit", error.Message);
        Assert.Contains("older version", error.Message);
        Assert.DoesNotContain("damaged", error.Message);

        File.WriteAllText(Path.Combine(ckpt, "last", "model.bin"), "not a state dict");
        using var same = Net(1);
        Assert.Contains("damaged", Assert.Throws<InvalidDataException>(() => Checkpoint.LoadWeights(ckpt, same)).Message);
    }

    [Fact]
    public void When_no_checkpoint_loads_the_error_names_each_and_the_way_out()
    {
        var ckpt = SaveTwo();
        foreach (var f in new[] { "last", "previous" }) File.WriteAllText(Path.Combine(ckpt, f, "model.bin"), "x");
        using var net = Net(9);
        var e = Assert.Throws<InvalidDataException>(() => Load(ckpt, net));
        Assert.Contains("last is damaged (model.bin has 1 bytes", e.Message);
        Assert.Contains("previous is damaged", e.Message);
        Assert.Contains($"delete {ckpt} to start the run afresh", e.Message);
    }

    [Fact]
    public void A_write_that_fails_part_way_leaves_no_partial_folder_and_the_last_checkpoint_intact()
    {
        var ckpt = SaveTwo();
        using var net = Net(3);
        using var opt = optim.SGD(net.parameters(), 0.01, momentum: 0.9);
        var disk = new Disk { Free = 20_000 };   // bytes the "disk" still takes
        var e = Assert.Throws<CheckpointWriteException>(() => Checkpoint.Save(ckpt, net, opt, History(3),
            path => new FullDiskStream(new FileStream(path, FileMode.Create), disk)));
        Assert.StartsWith($"could not write the checkpoint {Path.Combine(ckpt, "last.partial")}: No space left on device. It needs about", e.Message);
        Assert.Contains($"The last good checkpoint ({Path.Combine(ckpt, "last")}, after epoch 2) is intact; the partial checkpoint was removed.", e.Message);
        Assert.Contains("Free some space and run the same command again", e.Message);
        Assert.False(Directory.Exists(Path.Combine(ckpt, "last.partial")));
        using var into = Net(9);
        Assert.Equal(2, Load(ckpt, into).History!.Epochs.Count);
        using var second = Net(2);
        Assert.True(SameWeights(into, second));
    }

    [Fact]
    public void A_kill_between_the_renames_resumes_from_the_complete_new_checkpoint()
    {
        var ckpt = SaveTwo();
        using (var net = Net(3))
        using (var opt = optim.SGD(net.parameters(), 0.01, momentum: 0.9))
            Checkpoint.Save(ckpt, net, opt, History(3));
        // As if killed after "last → previous" and before "last.partial → last".
        Directory.Delete(Path.Combine(ckpt, "previous"), recursive: true);
        Directory.Move(Path.Combine(ckpt, "last"), Path.Combine(ckpt, "last.partial"));
        using var into = Net(9);
        Assert.Equal(3, Load(ckpt, into).History!.Epochs.Count);
    }

    private sealed class Disk { public long Free; }

    /// <summary>A file stream on a disk that is full after <see cref="Disk.Free"/> more bytes.</summary>
    private sealed class FullDiskStream(Stream inner, Disk disk) : Stream
    {
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (buffer.Length > disk.Free)
            {
                inner.Write(buffer[..(int)disk.Free]);
                disk.Free = 0;
                throw new IOException("No space left on device");
            }
            inner.Write(buffer);
            disk.Free -= buffer.Length;
        }

        protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
        public override void Flush() => inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
