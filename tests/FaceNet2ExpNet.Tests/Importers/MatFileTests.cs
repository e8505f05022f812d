using System.Text;
using FaceNet2ExpNet.Data.Importers;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Importers;

/// <summary>The MAT v5/v7 reader: compressed and plain elements, compact storage, small elements, clear errors.</summary>
public class MatFileTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReadsNumericArrays_ColumnMajor_WhateverTheStorage(bool compress)
    {
        using var dir = new TempDir();
        var path = dir["a.mat"];
        MatWriter.Write(path, compress,
            MatWriter.Double("x", [2, 3], [1, 4, 2, 5, 3, 6]),                      // [1 2 3; 4 5 6], name in a small element
            MatWriter.Double("big", [1, 3], [-2, 300, 7], storage: 3),              // double class stored as int16
            MatWriter.UInt8("skipped", [1, 2], [9, 9]),
            MatWriter.Double("pix", [1, 2], [0, 255], storage: 2));
        var vars = MatFile.Read(path, "x", "big", "pix");
        Assert.Equal(3, vars.Count);
        var x = vars["x"];
        Assert.Equal(MatClass.Double, x.Class);
        Assert.Equal([2, 3], x.Dimensions);
        Assert.Equal(6, x[1, 2]);
        Assert.Equal(2, x[0, 1]);
        Assert.Equal([-2.0, 300, 7], Enumerable.Range(0, 3).Select(i => vars["big"][i]));
        Assert.Equal([0, 255], vars["pix"].ToBytes(path));
        Assert.Contains("value -2 at element 1", Assert.Throws<InvalidDataException>(() => vars["big"].ToBytes(path)).Message);
    }

    [Fact]
    public void V73File_IsReadThroughHdf5_WithTheSameValues()
    {
        using var dir = new TempDir();
        var path = dir["v73.mat"];
        MatWriter.WriteV73(path, MatWriter.Double("x", [2, 3], [1, 4, 2, 5, 3, 6]), MatWriter.UInt8("img", [2, 2, 3], [.. Enumerable.Range(0, 12).Select(i => (byte)i)]));
        var vars = MatFile.Read(path, "x", "img");
        Assert.Equal([2, 3], vars["x"].Dimensions);
        Assert.Equal(6, vars["x"][1, 2]);
        Assert.Equal([2, 2, 3], vars["img"].Dimensions);
        Assert.Equal(MatClass.UInt8, vars["img"].Class);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (byte)i), vars["img"].ToBytes(path));
        Assert.Contains($"{path}: no variable 'folds' (the file has: x, img)",
            Assert.Throws<InvalidDataException>(() => MatFile.Read(path, "x", "folds")).Message);
    }

    [Fact]
    public void V73HeaderWithoutHdf5_NamesTheFile()
    {
        using var dir = new TempDir();
        var path = dir["v73.mat"];
        var header = Encoding.ASCII.GetBytes("MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 00:00:00 2024 HDF5 schema 1.00 .".PadRight(116));
        File.WriteAllBytes(path, [.. header, .. new byte[8], 0x00, 0x02, (byte)'I', (byte)'M', .. new byte[512]]);
        var e = Assert.Throws<InvalidDataException>(() => MatFile.Read(path, "images"));
        Assert.Contains($"{path}: not a readable MATLAB v7.3 (HDF5) MAT-file", e.Message);
    }

    [Fact]
    public void NotAMatFile_NamesIt()
    {
        using var dir = new TempDir();
        var path = dir["fake.mat"];
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes(new string('x', 200)));
        Assert.Contains($"{path}: not a MATLAB MAT-file", Assert.Throws<InvalidDataException>(() => MatFile.Read(path, "a")).Message);
        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.Contains("too short", Assert.Throws<InvalidDataException>(() => MatFile.Read(path, "a")).Message);
    }

    [Fact]
    public void CorruptCompressedElement_NamesFileAndOffset()
    {
        using var dir = new TempDir();
        var path = dir["c.mat"];
        MatWriter.Write(path, true, MatWriter.UInt8("images", [4, 4], new byte[16]));
        var bytes = File.ReadAllBytes(path);
        for (var i = 138; i < bytes.Length; i++) bytes[i] ^= 0x5A;   // keep the tag and zlib header, scramble the deflate stream
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => MatFile.Read(path, "images"));
        Assert.Contains($"{path} (element at byte 128)", e.Message);
    }
}
