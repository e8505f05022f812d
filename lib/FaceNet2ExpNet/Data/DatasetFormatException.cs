namespace FaceNet2ExpNet.Data;

/// <summary>A prepared dataset that breaks the contract; the message names the file, the row and what is wrong.</summary>
public sealed class DatasetFormatException(string message, Exception? inner = null) : Exception(message, inner);
