// Parameters: override with environment variables, e.g. PROFILE=smoke DATASET=ck-plus FACE_NET=faceapi-resnet DATA_ROOT=… RUNS_ROOT=….
var profile = Profile.Named(Environment.GetEnvironmentVariable("PROFILE") ?? "quick");
var dataset = Environment.GetEnvironmentVariable("DATASET") ?? "synthetic-ck";
var settings = new ExperimentSettings { Dataset = dataset, Profile = profile, FaceNet = Environment.GetEnvironmentVariable("FACE_NET"),
    DataRoot = Environment.GetEnvironmentVariable("DATA_ROOT") ?? "../data", RunsRoot = Environment.GetEnvironmentVariable("RUNS_ROOT") ?? "../runs" };
$"profile {profile.Name}: {profile.Network.InputSize}px crops of {profile.ImageSize}px images, width ×{profile.Network.Width}; dataset {dataset}"
